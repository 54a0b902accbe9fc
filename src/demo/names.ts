// Name lists for the synthetic council. Data only: name-picker.ts reads them.
//
// British and Irish given names carry five relative weights, for people born before 1950, 1950–69,
// 1970–89, 1990–2004 and from 2005, loosely following ONS baby-name tables and older registers.
// Other lists carry one weight. Entries are separated by " | ".

export const britishFemaleGivenNames = `
Margaret 90 40 2 0 0 | Mary 80 35 4 1 1 | Patricia 60 45 2 0 0 | Joan 70 10 0 0 0 | Dorothy 60 5 0 0 0
Jean 70 15 0 0 0 | Joyce 50 8 0 0 0 | Irene 45 6 0 0 0 | Doreen 40 8 0 0 0 | Betty 45 5 0 0 0
Barbara 55 20 1 0 0 | Elizabeth 40 25 15 10 6 | Sheila 40 25 1 0 0 | Brenda 35 25 0 0 0 | Shirley 40 20 0 0 0
Sylvia 35 10 0 0 0 | Audrey 35 4 0 0 0 | Edna 30 2 0 0 0 | Vera 30 2 0 0 0 | Eileen 35 8 0 0 0
Kathleen 45 15 1 0 0 | Maureen 30 30 0 0 0 | Pauline 20 35 1 0 0 | Valerie 25 30 1 0 0 | Christine 15 45 3 0 0
Susan 10 60 6 0 0 | Linda 5 55 4 0 0 | Carol 8 45 3 0 0 | Janet 12 40 2 0 0 | Anne 25 40 6 1 0
Ann 25 35 3 0 0 | Elaine 5 30 3 0 0 | Jacqueline 3 35 6 0 0 | Lesley 3 20 3 0 0 | Gillian 3 30 4 0 0
Julie 1 30 25 1 0 | Karen 1 30 35 1 0 | Tracey 0 10 35 0 0 | Tracy 0 8 25 0 0 | Deborah 1 25 20 0 0
Sandra 5 35 6 0 0 | Wendy 3 20 5 0 0 | Lorraine 1 15 15 0 0 | Denise 2 20 10 0 0 | Diane 3 25 8 0 0
Dawn 0 10 20 0 0 | Helen 8 25 25 4 1 | Alison 1 15 20 1 0 | Amanda 0 10 30 2 0 | Joanne 0 5 35 2 0
Michelle 0 5 40 3 0 | Nicola 0 4 40 4 0 | Sarah 2 15 50 25 6 | Claire 0 6 40 4 0 | Emma 1 3 40 40 10
Lisa 0 5 40 3 0 | Louise 1 8 30 15 3 | Kelly 0 1 25 6 0 | Rachel 1 8 30 15 2 | Donna 0 3 20 1 0
Kerry 0 1 15 3 0 | Victoria 2 3 20 25 6 | Rebecca 0 2 25 35 8 | Laura 0 2 25 40 10 | Gemma 0 0 20 15 1
Catherine 8 15 20 10 3 | Katherine 3 5 10 8 3 | Kathryn 0 4 10 5 1 | Stephanie 0 5 15 10 2 | Zoe 0 1 12 20 6
Hannah 0 1 8 40 20 | Jessica 0 0 5 40 20 | Charlotte 1 1 8 45 20 | Amy 0 1 10 40 12 | Lauren 0 0 4 40 8
Chloe 0 0 1 45 20 | Sophie 0 0 3 45 22 | Megan 0 0 1 40 10 | Bethany 0 0 1 30 5 | Danielle 0 0 10 25 3
Samantha 0 2 25 20 3 | Jade 0 0 8 30 4 | Natalie 0 1 20 20 3 | Leanne 0 0 20 8 0 | Hayley 0 0 15 15 1
Kirsty 0 0 15 10 0 | Abigail 0 0 3 25 12 | Holly 0 0 2 25 10 | Lucy 1 2 10 35 15 | Eleanor 3 2 3 15 15
Georgia 0 0 1 25 12 | Ellie 0 0 0 25 25 | Olivia 0 0 1 20 45 | Amelia 0 0 0 8 45 | Isla 0 0 0 1 35
Ava 0 0 0 5 40 | Mia 0 0 0 8 35 | Isabella 0 0 0 6 30 | Grace 3 1 1 20 35 | Lily 2 0 0 10 40
Emily 1 1 5 45 35 | Poppy 0 0 0 5 30 | Evie 0 0 0 5 35 | Freya 0 0 0 8 30 | Ella 0 0 0 10 30
Sienna 0 0 0 2 20 | Daisy 1 0 0 6 25 | Phoebe 0 0 0 10 20 | Ruby 1 0 0 8 35 | Millie 0 0 0 15 25
Scarlett 0 0 0 3 25 | Matilda 0 0 0 1 15 | Florence 2 0 0 1 20 | Willow 0 0 0 0 20 | Harper 0 0 0 0 15
Rosie 0 0 0 8 20 | Maisie 0 0 0 8 20 | Erin 0 0 1 20 15 | Niamh 0 0 1 12 10 | Caitlin 0 0 1 20 8
Courtney 0 0 0 20 2 | Paige 0 0 0 20 4 | Shannon 0 0 1 20 3 | Jasmine 0 0 1 20 10 | Leah 0 0 2 20 12
Katie 0 0 5 30 5 | Alice 8 1 1 8 25 | Jennifer 3 8 15 12 2 | Angela 3 25 15 1 0 | Teresa 5 20 8 1 0
Theresa 6 15 4 0 0 | Bernadette 8 15 2 0 0 | Frances 10 6 2 0 0 | Josephine 12 4 1 0 0 | Rita 20 5 0 0 0
Hilda 20 1 0 0 0 | Marjorie 20 1 0 0 0 | Gladys 20 0 0 0 0 | Winifred 15 0 0 0 0 | Lilian 20 2 0 0 0
Elsie 20 1 0 0 3 | Ivy 15 0 0 0 8 | Violet 15 1 0 0 5 | Rose 15 3 1 2 5 | Evelyn 15 2 0 1 8
Hazel 12 8 1 0 1 | June 25 10 0 0 0 | Jessie 8 0 0 1 2 | Beryl 15 2 0 0 0 | Marion 15 8 0 0 0
Norma 15 10 0 0 0 | Pamela 15 25 1 0 0 | Carole 5 25 2 0 0 | Judith 8 20 1 0 0 | Rosemary 10 15 1 0 0
Lynn 2 20 5 0 0 | Lynda 0 10 2 0 0 | Yvonne 2 20 5 0 0 | Marie 8 15 10 3 1 | Beverley 0 10 8 0 0
Gail 0 12 3 0 0 | Jane 8 30 15 3 1 | Caroline 2 15 20 3 0 | Joanna 1 4 12 6 1 | Fiona 0 8 15 2 0
Heather 2 10 10 2 0 | Sharon 0 15 30 1 0 | Andrea 0 8 15 1 0 | Paula 0 12 15 1 0 | Colette 1 6 4 0 0
Siobhan 0 3 12 5 1 | Nadine 0 1 8 2 0 | Vicky 0 0 8 3 0 | Hollie 0 0 1 10 3 | Jodie 0 0 8 12 1
Carly 0 0 8 8 0 | Charlene 0 0 10 3 0 | Stacey 0 0 15 8 0 | Amber 0 0 2 15 12 | Abbie 0 0 1 15 4
Summer 0 0 0 6 8 | Molly 1 0 1 20 20 | Layla 0 0 0 4 20 | Esme 0 0 0 2 12 | Aria 0 0 0 0 15
Darcie 0 0 0 4 12 | Imogen 0 0 1 12 10 | Eva 1 0 0 6 20 | Anna 4 4 5 10 12 | Madison 0 0 0 6 8
Brooke 0 0 0 12 5 | Tia 0 0 0 10 4 | Alicia 0 0 2 10 4 | Rhiannon 0 0 3 8 2 | Bridget 6 4 1 0 0
Maria 5 8 8 5 4 | Gwen 6 3 0 0 1 | Annie 5 1 0 2 8 | Nancy 8 1 0 0 5 | Edith 12 0 0 0 5
Harriet 2 0 1 8 8 | Felicity 0 1 2 4 3 | Naomi 0 2 6 8 4 | Janice 3 15 1 0 0 | Jan 1 4 0 0 0
Kylie 0 0 10 3 0 | Emilia 0 0 0 2 15 | Lilly 0 0 0 4 10 | Lea 0 0 0 2 4 | Cheryl 0 8 10 1 0
Mandy 0 5 8 0 0 | Marilyn 5 10 0 0 0 | Elsa 2 0 0 0 8 | Beatrice 4 0 0 1 8 | Agnes 10 1 0 0 0
`;

export const britishMaleGivenNames = `
John 90 60 25 8 3 | William 40 15 8 10 20 | James 35 30 30 30 25 | Robert 50 35 15 5 2 | David 35 60 40 12 4
Peter 40 45 8 1 1 | Michael 25 55 40 12 4 | Thomas 30 15 15 35 30 | George 50 6 2 8 35 | Joseph 25 10 6 15 15
Kenneth 40 15 0 0 0 | Ronald 40 10 0 0 0 | Frank 30 4 0 0 1 | Albert 25 1 0 0 3 | Arthur 30 2 0 0 25
Harold 30 2 0 0 0 | Stanley 25 3 0 0 3 | Ernest 25 1 0 0 0 | Frederick 20 2 0 0 2 | Leslie 20 5 0 0 0
Dennis 20 10 0 0 0 | Norman 25 5 0 0 0 | Edward 20 10 5 8 10 | Charles 25 10 5 10 15 | Walter 20 1 0 0 0
Alfred 15 1 0 0 5 | Cyril 15 0 0 0 0 | Sidney 15 2 0 0 0 | Herbert 12 0 0 0 0 | Raymond 30 15 1 0 0
Brian 25 35 4 0 0 | Derek 15 25 2 0 0 | Alan 20 40 8 1 0 | Anthony 15 40 25 5 1 | Keith 10 30 3 0 0
Colin 12 30 3 0 0 | Terence 12 20 1 0 0 | Terry 5 10 3 0 0 | Barry 5 25 4 0 0 | Graham 5 25 8 1 0
Trevor 8 20 2 0 0 | Roy 20 10 0 0 0 | Gordon 15 8 1 0 0 | Patrick 15 12 5 2 1 | Francis 15 6 1 0 0
Bernard 15 6 0 0 0 | Gerald 15 8 0 0 0 | Geoffrey 15 15 1 0 0 | Malcolm 10 15 1 0 0 | Roger 10 20 1 0 0
Philip 8 25 10 1 0 | Stephen 5 45 35 3 1 | Steven 2 20 35 5 1 | Paul 5 50 45 8 1 | Mark 1 30 50 8 1
Andrew 3 25 45 12 2 | Gary 0 25 40 2 0 | Ian 3 35 20 1 0 | Kevin 1 35 30 2 0 | Martin 5 25 20 3 1
Christopher 3 15 50 25 4 | Neil 1 15 25 2 0 | Simon 1 10 30 3 0 | Richard 10 30 30 8 2 | Jonathan 1 8 25 8 1
Jason 0 3 30 4 0 | Wayne 0 5 25 2 0 | Darren 0 3 30 2 0 | Dean 0 5 20 3 0 | Lee 0 5 30 5 0
Craig 0 3 30 5 0 | Carl 0 8 20 2 0 | Shaun 0 3 15 4 0 | Sean 0 3 20 10 1 | Scott 0 3 20 8 1
Stuart 1 8 20 3 0 | Matthew 1 3 35 40 10 | Daniel 1 3 25 45 12 | Adam 1 2 15 35 12 | Ryan 0 0 15 40 8
Jamie 0 0 15 25 5 | Ben 0 0 3 10 3 | Benjamin 1 1 6 25 15 | Samuel 2 1 4 30 20 | Jack 2 0 3 45 30
Joshua 0 0 3 50 15 | Luke 0 0 10 35 8 | Liam 0 0 8 40 10 | Nathan 0 0 6 30 8 | Callum 0 0 1 30 6
Connor 0 0 1 35 6 | Kieran 0 0 3 20 3 | Jordan 0 0 3 30 3 | Bradley 0 0 3 25 3 | Lewis 0 0 2 30 15
Alexander 2 1 6 25 20 | Harry 8 1 1 20 35 | Charlie 2 0 0 10 35 | Oliver 2 0 2 20 45 | Noah 0 0 0 2 40
Leo 1 0 0 2 35 | Oscar 1 0 0 8 30 | Jacob 0 0 1 20 25 | Freddie 1 0 0 4 30 | Alfie 0 0 0 10 30
Archie 2 0 0 5 30 | Theo 0 0 0 3 30 | Henry 8 1 1 6 25 | Finley 0 0 0 8 20 | Max 0 0 1 10 20
Isaac 0 0 0 8 20 | Lucas 0 0 0 4 20 | Logan 0 0 0 4 20 | Mason 0 0 0 6 20 | Ethan 0 0 0 25 20
Dylan 0 0 1 20 15 | Tyler 0 0 0 20 8 | Reece 0 0 1 20 3 | Kyle 0 0 3 20 3 | Aaron 0 0 6 20 6
Owen 1 0 3 15 12 | Elliot 0 0 1 10 10 | Toby 0 0 1 10 10 | Louis 2 0 1 10 15 | Jake 0 0 2 25 6
Joe 1 1 2 8 5 | Tommy 1 0 0 3 10 | Albie 0 0 0 0 12 | Teddy 0 0 0 0 15 | Jude 0 0 0 2 15
Reggie 0 0 0 0 12 | Ronnie 1 0 0 1 10 | Rory 0 0 1 8 12 | Frankie 0 0 0 4 10 | Sebastian 0 0 0 4 10
Hugo 0 0 0 2 8 | Harvey 1 0 0 15 15 | Riley 0 0 0 10 15 | Zachary 0 0 1 10 8 | Gabriel 0 0 0 3 10
Elijah 0 0 0 1 10 | Ellis 0 0 0 6 8 | Kian 0 0 0 10 5 | Declan 0 0 2 8 3 | Brandon 0 0 1 15 3
Nicholas 3 8 15 8 2 | Timothy 2 10 10 2 0 | Jeremy 1 5 4 0 0 | Julian 1 5 3 0 0 | Vincent 4 4 2 1 1
Leonard 20 4 0 0 2 | Douglas 12 8 1 0 0 | Eric 25 6 0 0 0 | Victor 12 3 0 0 0 | Reginald 15 1 0 0 0
Percy 10 0 0 0 0 | Wilfred 10 0 0 0 0 | Clifford 12 2 0 0 0 | Maurice 12 3 0 0 0 | Tony 1 15 10 1 0
Billy 2 2 2 3 3 | Danny 0 1 5 5 2 | Dominic 0 2 8 6 2 | Gareth 0 3 15 4 0 | Glenn 0 5 8 1 0
Robbie 0 0 4 6 2 | Jon 0 2 6 3 1 | Jim 2 2 1 0 0 | Allan 5 8 2 0 0 | Hugh 6 4 1 0 0
Desmond 8 4 0 0 0 | Gerard 8 10 3 0 0 | Kenny 0 2 1 0 0 | Brendan 1 5 4 1 0 | Joel 0 0 2 8 5
Jay 0 0 3 8 3 | Marcus 0 1 5 6 3 | Aidan 0 0 2 10 6 | Cameron 0 0 1 15 6 | Jayden 0 0 0 8 10
Harrison 0 0 0 12 12 | Conor 0 0 1 10 5 | Phillip 3 8 4 0 0 | Lawrence 6 4 2 1 1
`;

export const southAsianFemaleGivenNames = `
Aisha 20 | Fatima 25 | Ayesha 15 | Zainab 15 | Maryam 20 | Amina 15 | Sana 10 | Noor 10 | Hafsa 10 | Khadija 10
Nadia 10 | Farah 8 | Samina 8 | Shazia 8 | Nasreen 8 | Rukhsana 6 | Shabana 6 | Parveen 6 | Nazia 6 | Sadia 6
Asma 6 | Saima 6 | Priya 10 | Anjali 6 | Sunita 6 | Kiran 6 | Pooja 6 | Neha 6 | Harpreet 6 | Gurpreet 5
Jaspreet 5 | Manpreet 5 | Simran 6 | Rabia 6 | Iqra 8 | Zara 10 | Hina 6 | Mariam 8 | Safiya 6 | Inaya 6
Anaya 6 | Aaliyah 6 | Yasmin 8 | Shamima 4 | Tahira 4
`;

export const southAsianMaleGivenNames = `
Mohammed 40 | Muhammad 30 | Mohammad 15 | Ahmed 12 | Ali 12 | Hassan 10 | Hussain 8 | Ibrahim 10 | Yusuf 10 | Omar 10
Abdul 12 | Imran 10 | Amir 8 | Asif 8 | Tariq 8 | Zubair 5 | Bilal 8 | Usman 8 | Hamza 10 | Ayaan 8
Zayn 8 | Arjun 8 | Rohan 6 | Raj 6 | Sanjay 6 | Vikram 5 | Amit 6 | Rajesh 5 | Sunil 5 | Harjit 5
Gurdeep 5 | Jaswinder 5 | Kamran 6 | Shahid 6 | Faisal 6 | Rizwan 6 | Nasir 6 | Javed 6 | Arif 6 | Zakariya 5
Idris 5 | Ismail 6 | Adnan 5 | Waqas 4 | Saeed 4
`;

export const polishFemaleGivenNames = `
Anna 20 | Katarzyna 15 | Agnieszka 12 | Magdalena 12 | Joanna 10 | Monika 10 | Aleksandra 10 | Justyna 8 | Ewa 10 | Małgorzata 10
Barbara 6 | Karolina 10 | Natalia 10 | Dominika 8 | Paulina 8 | Marta 10 | Zuzanna 8 | Julia 10 | Maja 8 | Oliwia 8
Weronika 6 | Kinga 5 | Beata 6 | Iwona 6 | Dorota 6 | Sylwia 6 | Patrycja 6 | Izabela 5 | Wiktoria 6 | Lena 8
`;

export const polishMaleGivenNames = `
Piotr 15 | Tomasz 15 | Krzysztof 12 | Paweł 12 | Michał 12 | Marcin 12 | Łukasz 12 | Jakub 12 | Mateusz 10 | Kamil 10
Adam 8 | Marek 8 | Grzegorz 8 | Dariusz 6 | Andrzej 8 | Jan 8 | Wojciech 8 | Rafał 8 | Sebastian 6 | Bartosz 8
Dawid 8 | Szymon 8 | Filip 8 | Kacper 8 | Igor 6 | Artur 6 | Robert 4 | Mariusz 6 | Zbigniew 4 | Jacek 6
`;

export const westAfricanFemaleGivenNames = `
Abena 6 | Ama 8 | Akosua 6 | Adwoa 6 | Efua 5 | Esi 5 | Yaa 5 | Chioma 8 | Ngozi 8 | Chiamaka 6
Adaeze 6 | Nneka 6 | Amara 6 | Ifeoma 5 | Funmilayo 5 | Folake 5 | Yetunde 5 | Titilayo 4 | Bukola 5 | Abimbola 5
Oluwaseun 4 | Blessing 8 | Precious 6 | Mercy 6 | Comfort 5 | Joy 6 | Temitope 5 | Fatou 5 | Aminata 5 | Mariama 5
Isatou 4 | Gift 4 | Patience 4
`;

export const westAfricanMaleGivenNames = `
Kwame 8 | Kofi 8 | Kwabena 5 | Kwaku 5 | Yaw 6 | Kojo 5 | Chinedu 6 | Emeka 8 | Obinna 6 | Chukwuemeka 5
Ikenna 5 | Uchenna 5 | Olumide 5 | Adebayo 6 | Babatunde 6 | Olusegun 5 | Tunde 5 | Femi 6 | Segun 5 | Ayodele 5
Emmanuel 8 | Godwin 4 | Ebenezer 4 | Moses 4 | Ousmane 4 | Mamadou 5 | Lamin 5 | Ibrahima 4 | Abdoulaye 4 | Oluwaseun 4
Chidi 5 | Nnamdi 4 | Kelechi 4
`;

export const chineseFemaleGivenNames = `
Mei 8 | Li 6 | Xiu 4 | Ying 6 | Yan 6 | Hui 5 | Jing 6 | Lin 6 | Xiaoling 4 | Yuxin 4
Wen 5 | Qing 4 | Fang 5 | Hong 5 | Ling 6 | Siu 4 | Wai 3 | Kit 3 | Yuk 3 | Jia 5
Xin 5 | Shu 3 | Mei Ling 4 | Suet 2 | Man Yee 2
`;

export const chineseMaleGivenNames = `
Wei 8 | Jun 6 | Ming 6 | Hao 5 | Jian 6 | Lei 5 | Tao 5 | Yong 5 | Bo 3 | Cheng 5
Feng 4 | Gang 3 | Kai 5 | Long 3 | Peng 3 | Qiang 3 | Xiang 3 | Yi 4 | Zhen 3 | Wing 4
Chun 3 | Kwok 3 | Ka Ho 3 | Chi Keung 2 | Yiu 2
`;

export const britishFamilyNames = `
Smith 130 | Jones 120 | Williams 85 | Taylor 70 | Brown 65 | Davies 55 | Evans 50 | Wilson 50 | Thomas 45 | Johnson 45
Roberts 48 | Robinson 35 | Thompson 38 | Wright 35 | Walker 35 | White 32 | Edwards 30 | Hughes 40 | Green 30 | Hall 30
Lewis 30 | Harris 30 | Clarke 28 | Jackson 28 | Wood 26 | Turner 26 | Martin 25 | Cooper 25 | Hill 25 | Ward 24
Morris 30 | Moore 24 | Clark 22 | Lee 22 | King 22 | Baker 22 | Harrison 24 | Morgan 22 | Allen 20 | James 20
Scott 20 | Phillips 20 | Watson 20 | Davis 18 | Parker 18 | Price 18 | Bennett 18 | Young 18 | Griffiths 18 | Mitchell 18
Kelly 30 | Cook 17 | Carter 17 | Richardson 17 | Bailey 16 | Collins 18 | Bell 16 | Shaw 16 | Murphy 30 | Miller 15
Cox 15 | Richards 15 | Marshall 14 | Anderson 14 | Simpson 14 | Ellis 14 | Adams 14 | Wilkinson 14 | Foster 13 | Chapman 13
Powell 13 | Webb 13 | Rogers 13 | Gray 12 | Mason 12 | Hunt 12 | Campbell 12 | Matthews 12 | Owen 14 | Palmer 11
Holmes 11 | Mills 11 | Barnes 11 | Knight 11 | Lloyd 12 | Butler 11 | Russell 11 | Barker 11 | Fisher 11 | Stevens 11
Jenkins 11 | Murray 11 | Dixon 11 | Harvey 11 | Graham 10 | Pearson 10 | Fletcher 10 | Walsh 14 | Gibson 10 | Howard 10
Andrews 10 | Stewart 10 | Elliott 10 | Reynolds 10 | Saunders 10 | Payne 10 | Fox 10 | Ford 10 | Pearce 9 | Day 9
Brooks 9 | West 9 | Lawrence 9 | Cole 9 | Atkinson 9 | Bradley 9 | Spencer 9 | Gill 9 | Dawson 9 | Ball 9
Burton 9 | O'Brien 12 | Watts 9 | Rose 9 | Booth 9 | Perry 9 | Ryan 12 | Grant 8 | Wells 8 | Armstrong 8
Francis 8 | Rees 8 | Hayes 8 | Hart 8 | Hudson 8 | Newman 8 | Barrett 8 | Webster 8 | Hunter 8 | Gregory 8
Carr 8 | Lowe 8 | Page 8 | Marsh 8 | Riley 8 | Dunn 8 | Woods 8 | Parsons 8 | Berry 8 | Stone 8
Reid 8 | Holland 8 | Hawkins 8 | Harding 7 | Porter 7 | Robertson 7 | Newton 7 | Oliver 7 | Reed 7 | Kennedy 8
Williamson 7 | Bird 7 | Gardner 7 | Dean 7 | Lane 7 | Cooke 7 | Bates 7 | Henderson 7 | Parry 8 | Burgess 7
Bishop 7 | Walton 7 | Burns 7 | Nicholson 7 | Shepherd 7 | Ross 7 | Cross 7 | Long 7 | Freeman 7 | Warren 7
Nicholls 7 | Hamilton 7 | Byrne 10 | Sutton 7 | McDonald 8 | Yates 7 | Hodgson 7 | Robson 7 | Curtis 7 | Hopkins 7
O'Connor 9 | Harper 7 | Coleman 7 | Watkins 6 | Moss 6 | McCarthy 8 | Chambers 6 | O'Neill 9 | Griffin 6 | Sharp 6
Hardy 6 | Wheeler 6 | Potter 6 | Osborne 6 | Johnston 6 | Gordon 6 | Doyle 9 | Wallace 6 | George 6 | McCann 5
Doherty 6 | Gallagher 6 | Quinn 6 | Connolly 5 | Flynn 5 | Brennan 5 | Maguire 5 | McGuinness 3 | Rimmer 5 | Fairclough 4
Houghton 4 | Ashcroft 4 | Critchley 3 | Molyneux 4 | Tyrer 3 | Aspinall 3 | Formby 2 | Halsall 3 | Gerrard 3 | Heyes 2
Culshaw 2 | Sephton 2 | Tickle 2 | Rothwell 3 | Barton 4 | Carragher 2 | Lunt 2 | Prescott 3 | Hulme 3 | Birchall 3
Latham 3 | Balshaw 2 | Swift 3 | Fazakerley 2 | Pennington 3 | Crosby 2 | Blundell 3 | Lathom 1 | Threlfall 2 | Cunliffe 3
Tomlinson 4 | Hesketh 3 | Winstanley 3 | Shacklady 1 | Kenyon 3 | Unsworth 3 | Rigby 3 | Pilkington 3 | Ainsworth 2 | Eccleston 2
Whittle 3 | Gore 2 | Tasker 2 | Cropper 2 | Bibby 2 | Boardman 2 | Duckworth 2 | Entwistle 2 | Frodsham 1 | Greenhalgh 2
Haworth 2 | Hindley 2 | Lyon 2 | Mawdsley 2 | Moorcroft 1 | Pendleton 2 | Rainford 1 | Seddon 2 | Sherlock 2 | Stopforth 1
Tarleton 1 | Vose 1 | Wainwright 3 | Yorke 1 | Pritchard 4 | Vaughan 4 | Howells 3 | Rowlands 4 | Humphreys 4 | Bowen 4
Llewellyn 3 | Pugh 3 | Gwilliam 1 | Prosser 2 | Meredith 3 | Probert 1 | McKenzie 4 | Fraser 4 | Cameron 4 | Sinclair 3
Ferguson 4 | McLean 4 | Munro 3 | Grieve 1 | Ackroyd 1 | Bagshaw 1 | Blackburn 3 | Bottomley 1 | Brocklehurst 1 | Catterall 1
Clegg 2 | Crabtree 2 | Dewhurst 1 | Eckersley 1 | Fawcett 2 | Gledhill 1 | Haigh 2 | Holroyd 1 | Ibbotson 1 | Jowett 1
Kershaw 2 | Lumb 1 | Marsden 2 | Nuttall 2 | Ogden 2 | Pickles 1 | Royle 2 | Schofield 2 | Sutcliffe 2 | Thorpe 3
Uttley 1 | Whitehead 3 | Wolstenholme 1 | Ashworth 2 | Barlow 3 | Crompton 2 | Heywood 2 | Hargreaves 3 | Holt 3 | Leigh 2
Mather 2 | Partington 2 | Starkey 1 | Tattersall 1 | Walmsley 2 | Smith-Jones 1 | Lloyd-Davies 1 | O'Hara 3 | O'Sullivan 4 | O'Donnell 3
O'Rourke 2 | McAllister 3 | MacDonald 3 | Fitzgerald 4 | Fitzpatrick 4 | D'Arcy 1 | Delaney 3 | Devlin 3 | Donnelly 4 | Duffy 4
Farrell 4 | Hanlon 2 | Keegan 2 | Lynch 5 | Mulligan 2 | Nolan 4 | Reilly 4 | Rooney 4 | Sheridan 3 | Tierney 2
Whelan 3 | Cassidy 3 | Callaghan 3 | Hennessy 2 | Kavanagh 3 | Brady 4 | Boyle 4 | Burke 4 | Carroll 4 | Daly 4
Dolan 2 | Dunne 3 | Foley 3 | Hogan 3 | Kane 4 | Keane 3 | Kearney 2 | Lennon 3 | Maher 2 | McGrath 3
McLoughlin 3 | Moran 4 | Mullen 2 | Power 4 | Quigley 2 | Redmond 2 | Regan 3 | Tracey 2 | McNally 2 | McGovern 2
`;

export const southAsianFamilyNames = `
Khan 30 | Ahmed 20 | Ali 20 | Hussain 18 | Patel 25 | Singh 15 | Shah 10 | Rahman 10 | Islam 8 | Akhtar 8
Iqbal 8 | Mahmood 8 | Malik 8 | Butt 6 | Chaudhry 6 | Qureshi 6 | Sheikh 6 | Mirza 5 | Raza 5 | Siddiqui 5
Aziz 5 | Miah 6 | Uddin 6 | Choudhury 6 | Sharma 8 | Gupta 6 | Kumar 8 | Mistry 5 | Desai 4 | Joshi 5
Mehta 5 | Chauhan 4 | Sandhu 5 | Dhillon 4 | Bains 3 | Sidhu 4 | Rana 3 | Nair 3 | Rao 3 | Reddy 2
`;

// Polish family names in the masculine form; women take -ska and -cka (name-picker.ts).
export const polishFamilyNames = `
Nowak 12 | Kowalski 10 | Wiśniewski 8 | Wójcik 8 | Kowalczyk 8 | Kamiński 7 | Lewandowski 8 | Zieliński 6 | Szymański 6 | Woźniak 7
Dąbrowski 6 | Kozłowski 5 | Jankowski 5 | Mazur 6 | Kwiatkowski 5 | Krawczyk 5 | Piotrowski 5 | Grabowski 4 | Nowakowski 4 | Pawłowski 4
Michalski 4 | Wróbel 5 | Adamczyk 4 | Dudek 4 | Zając 4 | Król 4 | Wieczorek 3 | Jabłoński 3 | Majewski 3 | Olszewski 3
Wysocki 2 | Zawadzki 2
`;

export const westAfricanFamilyNames = `
Okafor 6 | Okeke 5 | Adeyemi 6 | Adebayo 5 | Ogunleye 4 | Oyelaran 2 | Balogun 4 | Afolabi 4 | Olawale 3 | Eze 5
Nwosu 4 | Obi 5 | Okonkwo 4 | Chukwu 4 | Ibe 3 | Mensah 8 | Owusu 7 | Asante 5 | Boateng 6 | Osei 6
Appiah 5 | Agyeman 4 | Ofori 4 | Darko 3 | Addo 4 | Jallow 3 | Ceesay 3 | Bah 4 | Diallo 4 | Sesay 4
Kamara 5 | Conteh 3 | Koroma 4 | Turay 3
`;

export const chineseFamilyNames = `
Chen 8 | Wong 10 | Li 8 | Zhang 6 | Wang 8 | Liu 6 | Yang 5 | Huang 5 | Zhao 4 | Wu 5
Zhou 4 | Lin 5 | Lam 8 | Cheung 7 | Chan 10 | Ng 6 | Leung 6 | Ho 5 | Yip 4 | Tang 5
Tsang 3 | Lau 6 | Kwok 4 | Fung 4 | Chow 5 | Mak 3 | Choi 3 | Yeung 4 | Poon 2 | Lee 6
`;

/** Names people go by instead of the one on their birth certificate. */
export const nicknames: Readonly<Record<string, readonly string[]>> = {
  Robert: ['Bob', 'Rob', 'Bobby', 'Robbie'], William: ['Bill', 'Will', 'Billy'], Elizabeth: ['Liz', 'Beth', 'Lizzie', 'Betty'],
  Mohammed: ['Mo'], Muhammad: ['Mo'], Mohammad: ['Mo'], Margaret: ['Maggie', 'Peggy', 'Meg'], James: ['Jim', 'Jimmy', 'Jamie'],
  John: ['Jack', 'Johnny'], Jonathan: ['Jon', 'Jonny'], Michael: ['Mike', 'Mick', 'Micky'], Christopher: ['Chris'],
  Christine: ['Chris', 'Chrissie'], Catherine: ['Cathy', 'Kate', 'Katie'], Katherine: ['Kate', 'Kathy'], Kathleen: ['Kath', 'Kathy'],
  Anthony: ['Tony', 'Ant'], Thomas: ['Tom', 'Tommy'], Joseph: ['Joe', 'Joey'], Daniel: ['Dan', 'Danny'], Matthew: ['Matt'],
  Andrew: ['Andy', 'Drew'], Stephen: ['Steve'], Steven: ['Steve'], David: ['Dave', 'Davey'], Richard: ['Rich', 'Rick', 'Dick'],
  Edward: ['Ed', 'Eddie', 'Ted'], Alexander: ['Alex', 'Sandy'], Aleksandra: ['Ola', 'Alex'], Rebecca: ['Becky', 'Becca'],
  Samantha: ['Sam'], Samuel: ['Sam', 'Sammy'], Benjamin: ['Ben'], Nicholas: ['Nick', 'Nicky'], Nicola: ['Nicky'],
  Patricia: ['Pat', 'Trish'], Patrick: ['Pat', 'Paddy'], Susan: ['Sue', 'Susie'], Jennifer: ['Jenny', 'Jen'], Victoria: ['Vicky', 'Tori'],
  Deborah: ['Debbie', 'Deb'], Jacqueline: ['Jackie'], Kenneth: ['Ken', 'Kenny'], Ronald: ['Ron', 'Ronnie'], Leslie: ['Les'],
  Frederick: ['Fred', 'Freddie'], Terence: ['Terry'], Gerald: ['Gerry'], Gerard: ['Ged', 'Gerry'], Philip: ['Phil'], Phillip: ['Phil'],
  Timothy: ['Tim'], Peter: ['Pete'], Raymond: ['Ray'], Albert: ['Bert', 'Albie'], Alfred: ['Alf', 'Alfie'], Harold: ['Harry'],
  Henry: ['Harry'], Charles: ['Charlie', 'Chas'], Dorothy: ['Dot', 'Dotty'], Josephine: ['Jo', 'Josie'], Joanne: ['Jo'], Joanna: ['Jo'],
  Eleanor: ['Ellie', 'Nell'], Abigail: ['Abbie', 'Abi'], Charlotte: ['Charlie', 'Lottie'], Olivia: ['Liv', 'Livvy'],
  Isabella: ['Bella', 'Izzy'], Amelia: ['Millie'], Gillian: ['Gill'], Jessica: ['Jess'], Natalie: ['Nat'], Sandra: ['Sandy'],
  Pamela: ['Pam'], Barbara: ['Babs'], Frances: ['Fran'], Francis: ['Frank'], Zachary: ['Zach'], Joshua: ['Josh'], Nathan: ['Nate'],
  Oliver: ['Ollie'], Bernadette: ['Bernie'], Teresa: ['Terri', 'Tess'], Theresa: ['Terri', 'Tess'], Lawrence: ['Larry', 'Laurie'],
  Łukasz: ['Luke'], Małgorzata: ['Gosia'], Katarzyna: ['Kasia', 'Kate'], Agnieszka: ['Aga'], Piotr: ['Peter'], Tomasz: ['Tom'],
  Krzysztof: ['Chris'], Paweł: ['Paul'], Wojciech: ['Wojtek'], Jakub: ['Kuba'], Oluwaseun: ['Seun'], Babatunde: ['Tunde'],
  Olusegun: ['Segun'], Chukwuemeka: ['Emeka'], Temitope: ['Tope'], Abimbola: ['Bimbo'], Ebenezer: ['Ebo'],
};

/** Twins are often given names that differ by a letter or two; each pair names the sex of each twin. */
export const similarTwinNames: ReadonlyArray<readonly [string, 'female' | 'male', string, 'female' | 'male']> = [
  ['Jon', 'male', 'Jan', 'female'], ['Ella', 'female', 'Ellie', 'female'], ['Aidan', 'male', 'Adam', 'male'],
  ['Amelia', 'female', 'Emilia', 'female'], ['Harry', 'male', 'Harvey', 'male'], ['Jack', 'male', 'Jake', 'male'],
  ['Lily', 'female', 'Lilly', 'female'], ['Connor', 'male', 'Conor', 'male'], ['Louis', 'male', 'Louise', 'female'],
  ['Daniel', 'male', 'Danielle', 'female'], ['Kyle', 'male', 'Kylie', 'female'], ['Leah', 'female', 'Lea', 'female'],
];
